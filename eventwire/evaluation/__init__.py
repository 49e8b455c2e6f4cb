"""Evaluations against the gold sets in ../shared/eval (read from there, never copied here)."""
