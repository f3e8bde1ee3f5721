"""The first seed's Django view, with the URL built by ogkit."""

from django.http import Http404
from django.shortcuts import render

# #region view
from ogkit.django import og_image_url_for

from .posts import get_post


def blog_detail(request, slug):
    post = get_post(slug)
    if post is None:
        raise Http404(slug)
    og_image_url = og_image_url_for(
        request,
        title=post.title,
        subtitle=f"By {post.author.name}",
        theme="gradient",
        pattern="waves",
        icon="newspaper",
    )
    return render(request, "blog/detail.html", {"post": post, "og_image_url": og_image_url})
# #endregion


def blog_tags(request, slug):
    """The same post with the og_meta template tag instead of a view variable."""
    post = get_post(slug)
    if post is None:
        raise Http404(slug)
    return render(request, "blog/tags.html", {"post": post})
