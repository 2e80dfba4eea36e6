"""The webhook channel: one signed JSON POST per message (README "Webhooks" documents the shape)."""
