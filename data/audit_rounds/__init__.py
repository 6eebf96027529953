"""Audit rounds: questions per touchpoint or journey, rounds of invited auditors who answer
them touchpoint by touchpoint (saved as they go), and closing a round into one audit
import batch that can be undone like any import.

Who may write is decided here, for every caller alike: analysts and admins manage
questions and rounds; anyone invited to an open round (viewers and owners too) answers it.
"""

from data.audit_rounds.answers import answers_of, save_answer
from data.audit_rounds.closing import close_round, fact_frame
from data.audit_rounds.common import (
    PERSPECTIVES,
    SCORE_MAX,
    SCORE_MIN,
    RoundError,
    RoundForbidden,
    may_manage,
)
from data.audit_rounds.progress import Progress, progress, walk
from data.audit_rounds.questions import add_question, list_questions, questions_for, update_question
from data.audit_rounds.rounds import (
    create_round,
    get_round,
    invitations,
    invite,
    list_rounds,
    round_touchpoints,
    rounds_of,
)

__all__ = ["PERSPECTIVES", "SCORE_MAX", "SCORE_MIN", "Progress", "RoundError",
           "RoundForbidden", "add_question", "answers_of", "close_round", "create_round",
           "fact_frame", "get_round", "invitations", "invite", "list_questions", "list_rounds",
           "may_manage", "progress", "questions_for", "round_touchpoints", "rounds_of",
           "save_answer", "update_question", "walk"]
