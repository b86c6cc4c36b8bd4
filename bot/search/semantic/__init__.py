"""Semantic ranking beside BM25: a small sentence encoder (all-MiniLM-L6-v2 adapted to
the cables, int8 ONNX, bundled in model/), paragraph vectors stored beside the search
index and built in the background, and the fusion of both scores."""
