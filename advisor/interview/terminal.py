"""The interview at a terminal: one question at a time, with ``?``/``why``, ``back`` and
``quit``; the session saved after every answer; a summary to correct before the advice.

Output goes through :func:`click.echo`, so styles are dropped when the output is not a
terminal or colour is switched off (``NO_COLOR``; the command sets ``ctx.color``).
"""

from __future__ import annotations

import shlex
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from advisor.advice.build import advise
from advisor.advice.model import Advice
from advisor.case.load import case_to_yaml
from advisor.case.model import Case
from advisor.files.write import OutputError, check_output, write_atomic, write_outputs
from advisor.interview.catalogue import why_asked
from advisor.interview.files import case_path_for, save_session
from advisor.interview.flow import AnswerError, Interview, Step
from advisor.interview.summary import WIDTH, advice_lines

STYLES: dict[str, dict[str, Any]] = {
    "title": {"fg": "cyan", "bold": True},
    "section": {"fg": "cyan", "bold": True},
    "heading": {"bold": True},
    "question": {"bold": True},
    "muted": {"dim": True},
    "detail": {"dim": True},
    "warn": {"fg": "red"},
    "error": {"fg": "red"},
    "text": {},
}
COMMAND_HELP = (
    "Type the number or the word of your answer (Enter keeps the answer in brackets). "
    "? or why: why this question is asked. back: the previous question. "
    "quit: stop here; your answers are kept."
)
PROMPTS = {"choice": "Your answer", "multi": "Your answers, separated by commas", "text": "Name", "count": "Number"}
SUMMARY_PROMPT = "Type a number to change that answer, or press Enter to accept them all: "
LABEL_WIDTH = 34
BACK = object()


class Paused(Exception):
    """The user stopped before the end: ``how`` is quit, interrupt or end of input."""

    def __init__(self, how: str):
        super().__init__(how)
        self.how = how


@dataclass
class Terminal:
    """Where the interview talks and listens; ``read`` is :func:`input` unless replaced."""

    read: Callable[[str], str] = field(default=input)

    def say(self, text: str = "", kind: str = "text") -> None:
        """Print a line in the style of its kind."""
        click.echo(click.style(text, **STYLES[kind]) if text and STYLES[kind] else text)

    def wrapped(self, text: str, kind: str = "text", indent: int = 0) -> None:
        """Print a paragraph wrapped to the width of an ordinary terminal; a word (such as a file
        path) is never broken, even where it is longer than a line."""
        pad = " " * indent
        lines = textwrap.wrap(
            text, WIDTH, initial_indent=pad, subsequent_indent=pad, break_long_words=False, break_on_hyphens=False
        )
        for line in lines or [""]:
            self.say(line, kind)

    def ask(self, prompt: str) -> str:
        """Read a line; Ctrl-C and end of input pause the interview."""
        try:
            return self.read(prompt)
        except EOFError:
            self.say()
            raise Paused("end of input") from None
        except KeyboardInterrupt:
            self.say()
            raise Paused("interrupt") from None


class Conversation:
    """Asks the questions that apply until the user accepts the summary of answers, saving
    the session after every answer."""

    def __init__(self, interview: Interview, session: Path, terminal: Terminal):
        self.interview = interview
        self.session = session
        self.terminal = terminal
        self.section = ""

    def run(self) -> None:
        """Ask until the answers are accepted; raises :class:`Paused` if the user stops."""
        step = self.interview.next_unanswered()
        reviewing = False
        while True:
            if step is None:
                step = self.summary()
                if step is None:
                    return
                reviewing = False
            result = self.ask(step)
            if result is BACK:
                previous = self.interview.neighbour(step.id, -1)
                if previous is None:
                    self.terminal.say("This is the first question.", "error")
                else:
                    step, reviewing = previous, True
                continue
            self.interview.answer(step.id, result)
            save_session(self.interview, self.session)
            following = self.interview.neighbour(step.id, 1)
            if reviewing and following is not None and following.id in self.interview.answers:
                step = following
            else:
                step, reviewing = self.interview.next_unanswered(), False

    def show_section(self, step: Step) -> None:
        if step.question.section == self.section:
            return
        self.section = step.question.section
        section = self.interview.catalogue.sections[self.section]
        self.terminal.say()
        self.terminal.say(f"== {section.title} ".ljust(WIDTH, "="), "section")
        self.terminal.wrapped(section.intro)

    def show_options(self, step: Step) -> None:
        options = self.interview.options(step.question) if step.question.type in ("choice", "multi") else []
        for number, (_, label) in enumerate(options, start=1):
            self.terminal.say(f"  {number:>2}  {label}")

    def ask(self, step: Step) -> Any:
        """Put one question until it gets a valid answer or a command."""
        self.show_section(step)
        position, total = self.interview.progress(step)
        question = step.question
        self.terminal.say()
        self.terminal.say(f"Question {position} of about {total}", "muted")
        self.terminal.wrapped(self.interview.text(step), "question")
        if question.explain:
            self.terminal.wrapped(question.explain, "detail", 2)
        self.show_options(step)
        limits = f" ({question.minimum} to {question.maximum})" if question.type == "count" else ""
        current = self.interview.display(step, self.interview.value(step))
        prompt = f"{PROMPTS[question.type]}{limits} [{current}]: "
        while True:
            text = self.terminal.ask(prompt)
            command = text.strip().lower()
            if command in ("?", "why"):
                self.terminal.wrapped(why_asked(question), "detail", 2)
            elif command == "help":
                self.terminal.wrapped(COMMAND_HELP, "detail", 2)
            elif command == "back":
                return BACK
            elif command in ("quit", "exit"):
                raise Paused("quit")
            else:
                try:
                    return self.interview.parse(step, text)
                except AnswerError as exc:
                    if exc.allowed:
                        self.terminal.wrapped(f"{exc.problem}; type a number or a word from this list:", "error", 2)
                        self.show_options(step)
                    else:
                        self.terminal.wrapped(str(exc), "error", 2)

    def summary(self) -> Step | None:
        """Show every answer; return the step the user wants to change, or None to go on."""
        steps = self.interview.steps()
        self.terminal.say()
        self.terminal.say("== Your answers ".ljust(WIDTH, "="), "section")
        self.section = ""
        for number, step in enumerate(steps, start=1):
            label = self.interview.label(step)
            label = label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 3] + "..."
            answer = self.interview.display(step, self.interview.value(step))
            lines = textwrap.wrap(answer, WIDTH - LABEL_WIDTH - 7) or [""]
            self.terminal.say(f"{number:>3}  {label:<{LABEL_WIDTH}}  {lines[0]}")
            for line in lines[1:]:
                self.terminal.say(" " * (LABEL_WIDTH + 7) + line)
        while True:
            text = self.terminal.ask(SUMMARY_PROMPT).strip().lower()
            if not text:
                return None
            if text in ("quit", "exit"):
                raise Paused("quit")
            if text == "back":
                return steps[-1]
            if text.isdigit() and 1 <= int(text) <= len(steps):
                return steps[int(text) - 1]
            self.terminal.say(f"Type a number from 1 to {len(steps)}, or press Enter to accept the answers.", "error")


def resume_command(session: Path, save: Path) -> str:
    """The exact command that carries on this session (and saves the case where asked)."""
    command = ["advisor", "interview", "--resume", str(session.resolve())]
    if save != case_path_for(session):
        command += ["--save", str(save.resolve())]
    return shlex.join(command)


def say_paused(terminal: Terminal, session: Path, save: Path) -> None:
    """Tell the user where the answers are and how to carry on."""
    terminal.say()
    terminal.wrapped(f"Interview paused. Your answers are saved in {session}.", "heading")
    terminal.say("To carry on where you left off, run:")
    terminal.say(f"  {resume_command(session, save)}")


def show_advice(terminal: Terminal, advice: Advice, interview: Interview) -> None:
    """Print the advice the way the interview summarises it."""
    terminal.say()
    for kind, text in advice_lines(advice, interview.catalogue):
        terminal.say(text, kind)


def conclude(interview: Interview, save: Path, terminal: Terminal) -> tuple[Case, Advice]:
    """Advise on the answers, write the case to ``save`` and show the advice (so that a case
    that cannot be written fails before the advice is shown)."""
    case = interview.case()
    advice = advise(case)
    write_atomic(save, case_to_yaml(case))
    show_advice(terminal, advice, interview)
    terminal.say()
    terminal.wrapped(f"The case is saved in {save}. The full advice, with the evidence for each step:")
    terminal.say(f"  {shlex.join(['advisor', 'advise', str(save)])}")
    return case, advice


def offer_brief(case: Case, advice: Advice, save: Path, session: Path, terminal: Terminal) -> None:
    """Offer a PDF brief for the board (:func:`advisor.report.brief.render_brief_pdf`); stopping
    at the question (Ctrl-C, end of input) declines it. The brief may not overwrite the case or
    the session file."""
    from advisor.report.brief import render_brief_pdf

    terminal.say()
    default = save.with_name(f"{save.stem}-brief.pdf")
    try:
        if terminal.ask("Write a PDF brief? [no]: ").strip().lower() not in ("y", "yes"):
            return
        path = Path(terminal.ask(f"File name [{default}]: ").strip() or default)
    except Paused:
        return
    try:
        target = check_output(path, inputs=(save, session))
        write_outputs([(target, render_brief_pdf(advice, case))])
    except OutputError as exc:
        terminal.wrapped(f"No brief written: {exc}", "error")
        return
    terminal.say(f"Brief written to {path}.")


def run_interview(interview: Interview, session: Path, save: Path, terminal: Terminal) -> str | None:
    """The whole interview at a terminal: the questions, then the advice, the case written to
    ``save`` and the offer of a brief. Returns None when done, or how the user stopped
    (quit, interrupt, end of input), in which case every answer is in ``session``."""
    save_session(interview, session)
    terminal.say(f"Your answers are saved after each one in {session}.", "muted")
    terminal.wrapped("Type ? at any question to see why it is asked, back to go back, quit to stop.", "muted")
    try:
        Conversation(interview, session, terminal).run()
    except (Paused, KeyboardInterrupt) as stop:
        say_paused(terminal, session, save)
        return stop.how if isinstance(stop, Paused) else "interrupt"
    case, advice = conclude(interview, save, terminal)
    offer_brief(case, advice, save, session, terminal)
    return None
