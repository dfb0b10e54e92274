"""Text tools shared by the checks: tokens, sentences, languages, names, numbers."""
