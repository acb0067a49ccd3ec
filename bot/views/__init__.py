"""The neutral presentation layer: what a person sees, worded, ordered and counted once for every platform.

    view = card_view(card)          # a posting card: facts, why-line, buttons
    view = digest_view(digest)      # several cards and "…and N more"
    view = reply_view(reply)        # a command's answer: lines, items, cards, paging
    page = home_page(home)          # a person's subscriptions and saved postings

Text is made of ``rich.Run`` s (plain, code, bold, link, channel); buttons carry an ``actions.Action`` and a
value in one encoding. Slack (Block Kit), Discord (embeds and components) and the terminal only render
these views: they choose widgets and escape text, and never word, order or count anything themselves.
"""
