"""The Slack channel: Block Kit messages to a Slack-compatible incoming webhook (Slack,
Mattermost, Rocket.Chat accept the same payload)."""
