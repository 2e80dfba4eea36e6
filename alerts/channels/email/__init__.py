"""The e-mail channel: templates/email/ rendered by `alerts.email`, sent over SMTP or to files."""
