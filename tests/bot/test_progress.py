import io

from bot.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_progress_overwrites_one_line_and_ends_it():
    ticks = iter([0.0, 0.1, 0.3, 0.3, 0.35, 0.7, 0.7, 0.8, 1.0, 1.0])
    screen = Terminal()
    progress = Progress("read", stream=screen, clock=lambda: next(ticks))
    for _ in range(5):
        progress.add(100)
    progress.done()
    drawn = screen.getvalue()
    assert drawn.endswith("\n") and "\n" not in drawn[:-1]  # one line, redrawn with \r
    frames = [frame.removesuffix("\x1b[K") for frame in drawn.rstrip("\n").split("\r") if frame]
    assert frames[-1] == "read: 500 postings (500/s)"
    assert len(frames) < 6  # not once per item: a few times a second


def test_piped_progress_writes_nothing():
    pipe = io.StringIO()
    progress = Progress("read", stream=pipe)
    for _ in range(10_000):
        progress.add()
    progress.done()
    assert pipe.getvalue() == "" and progress.count == 10_000
