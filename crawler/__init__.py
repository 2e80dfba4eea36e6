"""Scrapy side of wirewatch: spider, pure page parsers, item pipelines."""
