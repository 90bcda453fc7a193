"""The Feedback day tab: the slides and the outline from the agreed findings, behind the
attribution check."""
