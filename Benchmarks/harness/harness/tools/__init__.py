"""The programs measured against the servers: llm-bench itself, curl (the floor) and AIPerf (a peer)."""
