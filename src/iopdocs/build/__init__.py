"""Cases into .docx files: document kinds, output folders, manifests, batches, meetings.

Knows nothing of PDF or the web: other formats come in through the
`publishing.Publisher` seam, chosen by the command line.
"""
