"""Portal pages of relationships: the partner's own voice, never our judgement of it. The
partner surveys (`surveys`) and the feedback partners send us with our answers (`feedback`)."""
