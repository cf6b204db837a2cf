# Nomination dossiers arrive with the workflow issue.
