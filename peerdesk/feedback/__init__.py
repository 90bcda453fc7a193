"""Feedback day: the presentation to the client on the last on-site day, and an outline
of it for the manager's report, from the findings the team agreed.

- ``model``: what the slides say, built from the notebook (the attribution gate reads it);
- ``slides``: the model cut into slides that fit, for the .pptx and the preview alike;
- ``template``: the shipped plain template, or the programme's own kept in the notebook;
- ``pptx``, ``outline``: the .pptx, and the outline as .docx and plain text;
- ``places``: where each text on the slides is kept, for "edit in place";
- ``export``: check, render and write, through the summary's one write-out path.
"""
