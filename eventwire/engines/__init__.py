"""Distributed engines for the per-article stages. Each lives in its own module and is
imported only when asked for, so the core package never imports an engine."""
