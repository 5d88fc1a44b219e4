"""The tables that grow with the caseload and must never be scanned whole by a page's or a
figure's query: the one list ``righthelp/synth/tests/test_plans_use_indexes.py`` (EXPLAIN with
sequential scans discouraged) and ``bench.plans`` (EXPLAIN ANALYZE at scale) look for. Plain
names, no Django, so ``bench.plans`` may read it before Django is set up."""

BIG_TABLES = (
    "families_person",
    "families_family",
    "chronology_chronologyentry",
    "audit_auditevent",
    "assessments_assessment",
    "assessments_indicatorfinding",
)
