"""Ingest: turn files, folders, stdin, JSONL, feeds and WARC archives into documents."""
