"""Parts of the offline recipe composer; the entry point is `chalicelib.domain.recipe_composer`."""
