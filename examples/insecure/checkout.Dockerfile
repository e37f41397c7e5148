# The checkout service's image.
FROM registry.example.com/shop/base:1.2
RUN useradd --system app
COPY checkout /usr/local/bin/checkout
EXPOSE 8443 9229
HEALTHCHECK NONE
USER app
ENTRYPOINT ["/usr/local/bin/checkout"]
