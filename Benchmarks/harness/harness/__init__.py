"""Whole-process performance and accuracy harness for the llm-bench client (`python3 -m harness`,
started by Benchmarks/harness/run.sh). Python 3 standard library only; the peer runs from its own venv."""
