"""The site's source page: a source's text with every cited quote marked and linked to its records."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from sources.filtersets import SourceFilterSet
from sources.models import Source, group_by_record

LIST_PAGE_SIZE = 100


def source_list(request):
    filterset = SourceFilterSet(request.GET, queryset=Source.objects.all(), request=request)
    sources = filterset.qs if filterset.is_valid() else Source.objects.none()
    return render(
        request,
        "sources/source_list.html",
        {"filterset": filterset, "page": Paginator(sources, LIST_PAGE_SIZE).get_page(request.GET.get("page"))},
    )


def source_detail(request, slug):
    source = get_object_or_404(Source, slug=slug)
    citations = source.citations.with_sources().select_related("content_type").with_records()
    relayed = list(source.relayed_citations.with_sources().select_related("content_type").with_records())
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "passages": source.passages(citations),
            "citations": citations,
            "supported": group_by_record(citations),
            "relayed": group_by_record(relayed),
            "relayed_citations": relayed,
            "references": source.references.select_related("cited"),
            "cited_by": source.referenced_by.select_related("citing"),
        },
    )
