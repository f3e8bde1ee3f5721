from django.urls import path

from . import views

urlpatterns = [
    path("blog/<slug:slug>/", views.blog_detail),
    path("tags/<slug:slug>/", views.blog_tags),
]
