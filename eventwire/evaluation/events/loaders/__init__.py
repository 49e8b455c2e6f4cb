"""One loader per gold set; each reads the set from the shared eval folder at run time."""
