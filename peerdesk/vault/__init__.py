"""The base every stage stands on: the encrypted notebook, its keys, storage, paths,
settings, files and errors. It imports no stage and no Qt."""
