"""The example's posts: stands in for a BlogPost model."""

from types import SimpleNamespace

POSTS = {
    "build-a-rest-api": SimpleNamespace(
        title="How to Build a REST API", author=SimpleNamespace(name="Ada Lovelace"), excerpt="A Complete Guide"
    ),
}


def get_post(slug):
    return POSTS.get(slug)
