"""Delivery channels: each renders the channel-neutral `DigestContent` to its payload and sends
a stored payload (warehouse's `IEmailSender`, widened).

A channel is a package here (`email/`, `slack/`, `webhook/`) with a `render…` function used when
the outbox row is composed and a class implementing `base.Channel` used by the sender
(`alerts.delivery`). The outbox itself knows nothing of any channel.
"""
