"""Item pipelines, in order: normalize → apply_filters → drop_duplicates → store_releases."""
