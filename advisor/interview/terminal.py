"""The interview at a terminal: the purpose and the partners first, then one question at a time
chosen by how much it could change the advice, until the recommendation is settled; with
``?``/``why``, ``back`` and ``quit``, the session saved after every answer, and a summary to
correct before the advice.

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
from advisor.interview.choosing import Choice, Chooser, certainty_words
from advisor.interview.files import case_path_for, save_session
from advisor.interview.flow import AnswerError, Interview, Step
from advisor.interview.replay import SETTLED_MESSAGE
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
PROMPTS = {
    "choice": "Your answer",
    "multi": "Your answers, separated by commas",
    "text": "Your answer",
    "count": "Number",
    "partner": "Your answer",
}
TABLE_PROMPT = "One answer per partner, in order, or one for all"
SUMMARY_PROMPT = "Type a number to change that answer, or press Enter to accept them all: "
FINISH_PROMPT = "Press Enter to finish, or type more to go on: "
GO_ON = ("more", "m", "go on", "continue")
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

    def wrapped(self, text: str, kind: str = "text", indent: int = 0, hanging: int = 0) -> None:
        """Print a paragraph wrapped to the width of an ordinary terminal (lines after the
        first indented ``hanging`` more); a word (such as a file path) is never broken, even
        where it is longer than a line."""
        pad = " " * indent
        lines = textwrap.wrap(
            text,
            WIDTH,
            initial_indent=pad,
            subsequent_indent=pad + " " * hanging,
            break_long_words=False,
            break_on_hyphens=False,
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


def line_legend(interview: Interview, step: Step) -> list[str]:
    """What each part of a partner's line may say, with what the words mean (sizes with
    their bands), one paragraph per part."""
    out = []
    for name in step.question.fields[1:]:
        question = interview.step(f"{step.id}.{name}").question
        words = []
        for key, meaning in question.choices.items():
            _, _, explained = meaning.partition(" - ")
            words.append(key.replace("_", " ") + (f" ({explained})" if explained else ""))
        out.append(f"{question.label}: {'; '.join(words)}.")
    return out


def typed_line(interview: Interview, step: Step, value: dict[str, Any]) -> str:
    """A partner's line as the user would type it ('Northgate, acute, large, ?, deficit')."""
    parts = []
    for name in step.question.fields:
        part = value[name]
        parts.append(str(part) if name == "name" else "?" if part == "unknown" else str(part).replace("_", " "))
    return ", ".join(parts)


class Conversation:
    """Asks questions until the user accepts the summary of answers, saving the session after
    every answer: the purpose and the partners in a fixed order, then the questions the
    engine chooses until the recommendation is settled (and further if the user goes on)."""

    def __init__(self, interview: Interview, session: Path, terminal: Terminal, asking: str | None = None):
        self.interview = interview
        self.session = session
        self.terminal = terminal
        self.chooser = Chooser()
        self.section = ""
        self.asking = asking
        self.reasons: dict[str, str] = {}
        self.offered = False  # the settled recommendation was announced
        self.finishing = False  # the user chose to finish
        self.legend_shown = False
        self.status = ""  # where the advice stands, shown before the next question

    def run(self) -> None:
        """Ask until the answers are accepted; raises :class:`Paused` if the user stops."""
        step = self.resumed() or self.next_step()
        reviewing = from_summary = False
        while True:
            if step is None:
                step = self.summary()
                if step is None:
                    return
                from_summary, reviewing = True, False
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
            if from_summary:
                step = None
            elif reviewing and following is not None:
                step = following
            else:
                step, reviewing = self.next_step(), False

    def resumed(self) -> Step | None:
        """The question that was being asked when the session was saved, if it is still open."""
        if not self.asking:
            return None
        try:
            step = self.interview.step(self.asking)
        except KeyError:
            return None
        return step if self.interview.applies(step) and not self.interview.answered(step) else None

    def next_step(self) -> Step | None:
        """The next question: the purpose and the partners, then the one the engine finds
        matters most, then the closing ones; None for the summary."""
        fixed = self.interview.next_fixed()
        if fixed is not None:
            return fixed
        if not self.finishing:
            if not self.chooser.started:
                self.terminal.say()
                self.terminal.wrapped("Working out which of the remaining questions matter most...", "muted")
            choice = self.chooser.choose(self.interview)
            self.show_choice(choice)
            if choice.step is not None and not self.finishing:
                self.reasons[choice.step.id] = choice.reason
                return choice.step
        closing = self.interview.closing()
        return closing[0] if closing else None

    def show_choice(self, choice: Choice) -> None:
        """Say where the advice stands (before the next question); when it has just become
        settled, say so now and offer to finish."""
        self.status = "So far: " + certainty_words(choice)
        if not choice.settled:
            self.offered = False
            return
        if self.offered or choice.step is None:
            return
        self.offered = True
        self.terminal.say()
        self.terminal.wrapped(self.status, "muted")
        self.status = ""
        self.terminal.wrapped(SETTLED_MESSAGE, "heading")
        while True:
            text = self.terminal.ask(FINISH_PROMPT).strip().lower()
            if not text:
                self.finishing = True
                return
            if text in GO_ON:
                return
            if text in ("quit", "exit"):
                raise Paused("quit")
            self.terminal.say("Press Enter to finish, or type more to go on.", "error")

    def section_of(self, step: Step) -> str:
        fixed = self.interview.catalogue.fixed_section(step.question.id)
        if fixed or step.question.type == "line":
            return fixed or "partners"
        return "refining" if self.offered else "deciding"

    def show_section(self, step: Step) -> None:
        name = self.section_of(step)
        if name == self.section:
            return
        self.section = name
        section = self.interview.catalogue.sections[name]
        self.terminal.say()
        self.terminal.say(f"== {section.title} ".ljust(WIDTH, "="), "section")
        self.terminal.wrapped(section.intro)

    def show_options(self, step: Step) -> None:
        if step.question.type == "line":
            for line in line_legend(self.interview, step):
                self.terminal.wrapped(line, "detail", 2)
            return
        options = self.interview.options(step) if step.question.type in ("choice", "multi", "partner") else []
        for number, (_, label) in enumerate(options, start=1):
            self.terminal.wrapped(f"{number:>2}  {label}", "text", 2, hanging=4)

    def why(self, step: Step) -> str:
        chosen = self.reasons.get(step.id)
        return why_asked(step.question) + (f" Asked now because {chosen}." if chosen else "")

    def ask(self, step: Step) -> Any:
        """Put one question until it gets a valid answer or a command."""
        save_session(self.interview, self.session, asking=step.id)
        self.show_section(step)
        question = step.question
        self.terminal.say()
        if self.status:
            self.terminal.wrapped(self.status, "muted")
            self.terminal.say()
            self.status = ""
        asked = [s.id for s in self.interview.asked()]
        position = asked.index(step.id) + 1 if step.id in asked else len(asked) + 1
        self.terminal.say(f"Question {position}", "muted")
        self.terminal.wrapped(self.interview.text(step), "question")
        if question.explain:
            self.terminal.wrapped(question.explain, "detail", 2)
        if question.type != "line" or not self.legend_shown:
            self.show_options(step)
            self.legend_shown = self.legend_shown or question.type == "line"
        if step.members:
            self.terminal.wrapped(
                "The partners, in order: " + "; ".join(self.interview.members(step)) + ".", "detail", 2
            )
        value = self.interview.value(step)
        if question.type == "line":
            current = typed_line(self.interview, step, value) if self.interview.answered(step) else ""
        else:
            current = self.interview.display(step, value)
        limits = f" ({question.minimum} to {question.maximum})" if question.type == "count" else ""
        if question.type == "line":
            kind = self.line_prompt(step)
        else:
            kind = TABLE_PROMPT if step.members else PROMPTS[question.type]
        prompt = f"{kind}{limits} [{current}]: " if current else f"{kind}: "
        while True:
            text = self.terminal.ask(prompt)
            command = text.strip().lower()
            if command in ("?", "why"):
                self.terminal.wrapped(self.why(step), "detail", 2)
                if question.type == "line":
                    self.show_options(step)
            elif command == "help":
                self.terminal.wrapped(COMMAND_HELP, "detail", 2)
            elif command == "back":
                return BACK
            elif command in ("quit", "exit"):
                raise Paused("quit")
            elif question.type == "line" and not command and not self.interview.answered(step):
                self.terminal.say("Type at least the partner's name.", "error")
            else:
                try:
                    return self.interview.parse(step, text)
                except AnswerError as exc:
                    if exc.allowed:
                        self.terminal.wrapped(f"{exc.problem}; {exc.allowed}", "error", 2)
                    else:
                        self.terminal.wrapped(str(exc), "error", 2)

    def line_prompt(self, step: Step) -> str:
        """'Name, sector, size, rating, finances'."""
        labels = [self.interview.step(fact).question.label.lower() for fact in step.facts]
        return ", ".join(labels).capitalize()

    def summary(self) -> Step | None:
        """Show every answer; return the step the user wants to change, or None to go on."""
        steps = self.interview.asked()
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


def show_advice(terminal: Terminal, advice: Advice) -> None:
    """Print the advice the way the interview summarises it."""
    terminal.say()
    for kind, text in advice_lines(advice):
        terminal.say(text, kind)


def conclude(interview: Interview, save: Path, terminal: Terminal) -> tuple[Case, Advice]:
    """Advise on the answers, write the case to ``save`` and show the advice (so that a case
    that cannot be written fails before the advice is shown)."""
    case = interview.case()
    advice = advise(case)
    write_atomic(save, case_to_yaml(case))
    show_advice(terminal, advice)
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


def run_interview(
    interview: Interview, session: Path, save: Path, terminal: Terminal, asking: str | None = None
) -> str | None:
    """The whole interview at a terminal: the questions, then the advice, the case written to
    ``save`` and the offer of a brief. Returns None when done, or how the user stopped
    (quit, interrupt, end of input), in which case every answer is in ``session``."""
    save_session(interview, session, asking)
    terminal.say(f"Your answers are saved after each one in {session}.", "muted")
    terminal.wrapped("Type ? at any question to see why it is asked, back to go back, quit to stop.", "muted")
    try:
        Conversation(interview, session, terminal, asking).run()
    except (Paused, KeyboardInterrupt) as stop:
        say_paused(terminal, session, save)
        return stop.how if isinstance(stop, Paused) else "interrupt"
    case, advice = conclude(interview, save, terminal)
    offer_brief(case, advice, save, session, terminal)
    return None
