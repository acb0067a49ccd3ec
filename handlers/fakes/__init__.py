"""Fakes of the chat platforms, speaking their real wire protocols on 127.0.0.1.

The tests drive the real Bolt app and the real discord.py client against these; `jobbot demo` and
`jobbot bench deliver` use them at run time too, which is why they ship in the package (an installed
jobbot has no ``tests/``). Everything that uses a fake imports it from here.
"""
