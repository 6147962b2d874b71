"""Trains a tiny WordLevel tokenizer on a corpus for the peer (AIPerf needs one) and saves it as a
Hugging Face tokenizer, so AIPerf runs offline. Runs in the peer's venv (tokenizers, transformers).

    python train_tokenizer.py CORPUS FOLDER
"""

import sys

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

corpus, folder = sys.argv[1], sys.argv[2]
core = Tokenizer(models.WordLevel(unk_token="[UNK]"))
core.pre_tokenizer = pre_tokenizers.Whitespace()
core.train([corpus], trainers.WordLevelTrainer(special_tokens=["[UNK]", "[PAD]", "<s>", "</s>"]))
core.decoder = decoders.WordPiece(prefix="##")  # words joined with spaces
fast = PreTrainedTokenizerFast(tokenizer_object=core, unk_token="[UNK]", pad_token="[PAD]",
                               bos_token="<s>", eos_token="</s>")
fast.save_pretrained(folder)  # tokenizer.json + tokenizer_config.json
print(f"vocabulary {len(fast)}")
