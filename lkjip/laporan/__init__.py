"""What notebooks display: output types, formatted figures, chapter contexts. Reads no file and computes nothing the core computes."""
