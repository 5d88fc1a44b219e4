import os

# One BLAS thread: the sentence model (righthelp/suggest) encodes a note of a few dozen tokens,
# where OpenBLAS's extra threads spin and burn CPU (ten times the work) instead of helping.
# Set before anything imports numpy; a deployment can still choose otherwise.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
