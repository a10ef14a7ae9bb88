// gloss search: placeholder until the search index lands.
