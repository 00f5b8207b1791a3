"""Writing case files: a new case drafted from a few answers, a renewal drafted from a case."""
