"""pylock-trust: PEP 751 lockfiles with verified PEP 740 publisher identities. Run it as ``pylock-trust``."""
