"""NLP: normalisation, embeddings, index, search, linking and classification over the corpus store."""
