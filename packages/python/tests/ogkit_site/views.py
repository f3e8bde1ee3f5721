from types import SimpleNamespace

from django.http import Http404
from django.shortcuts import render

from ogkit.django import og_image_url_for

POSTS = {
    "rest-api": SimpleNamespace(
        title="How to Build a REST API", author="Ada <Lovelace> & Co", excerpt="A Complete Guide for Beginners"
    ),
    "unicode": SimpleNamespace(title="Café & Crème: 50% off / día 🚀", author="José", excerpt=""),
}


def post_detail(request, slug):
    """The first seed's Django view, with og_image_url_for in place of a hand-built query."""
    post = POSTS.get(slug)
    if post is None:
        raise Http404(slug)
    og_image_url = og_image_url_for(
        request, title=post.title, subtitle=f"By {post.author}", theme="gradient", pattern="waves", icon="newspaper"
    )
    return render(request, "post.html", {"post": post, "og_image_url": og_image_url})


def render_template(request, name):
    """Renders tests' small templates with a post in the context."""
    return render(request, f"{name}.html", {"post": POSTS["rest-api"], "nothing": None})
