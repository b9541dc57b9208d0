"""Portal pages of performance (partner users), one module per area; `portal_urls` routes them.

Every page starts from the user's own membership: another partner's object answers 404.
"""
