# Certificate records arrive with the certificate issue.
