"""The benchmark suite: Dateline against spaCy, dateparser and HeidelTime (`python -m bench`)."""
