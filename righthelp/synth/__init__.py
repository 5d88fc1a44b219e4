"""`righthelp synth`: a realistic, deterministic synthetic caseload for measuring scale."""
