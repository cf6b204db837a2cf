"""Who may judge a whole campaign (awards.judging) and read its report: the Board's reviewers start a run;
the reviewers and the chair read the reports (administrators hold both roles' rights)."""

import rules

from accounts.rules import is_chair, is_reviewer

rules.add_perm("awards.judge_campaign", is_reviewer)
rules.add_perm("awards.view_eligibility_runs", is_reviewer | is_chair)
