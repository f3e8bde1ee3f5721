"""{% load ogkit %}: og_image_url and og_meta, under the OGKIT setting.

    {% og_image_url title=post.title theme="dark" %}
    {% og_image_url title=post.title as card %}
    {% og_meta title=post.title subtitle=post.author alt="Cover of the post" %}

Invalid params raise OgError naming the field.
"""

from django import template

from ..django import og_image_url_for, og_meta_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def og_image_url(context, **params):
    """The image URL (autoescaped where it is output)."""
    return og_image_url_for(context.get("request"), **params)


@register.simple_tag(takes_context=True)
def og_meta(context, **params):
    """og:image, og:image:width/height/alt and the twitter:card, twitter:image and twitter:image:alt tags."""
    return og_meta_tags(context.get("request"), **params)
