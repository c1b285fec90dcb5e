# a folder whose name ends in .md, among the pages
mkdir content/50-nieuw.md
