from django.urls import path

from . import views

urlpatterns = [
    path("posts/<slug:slug>/", views.post_detail),
    path("render/<str:name>/", views.render_template),
]
