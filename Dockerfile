# cardcheck in a container, for teams without Node: Node 20 and Debian's
# chromium (for `run --browser`). Build from a clone of this repository:
#   docker build -t cardcheck .
# Run in the folder of your cards (cardcheck.config.yaml, specs/):
#   docker run --rm -v "$PWD:/work" --user "$(id -u):$(id -g)" -e API_TOKEN cardcheck run
# Credentials come in at run time (-e NAME or --env-file); none are baked into the image.

# Stage 1: build dist/ and pack the tarball npm would publish (prepack: a clean build, no source maps).
FROM node:20.20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json CHANGELOG.md README.md ./
COPY src ./src
COPY schemas ./schemas
COPY docs ./docs
COPY editors ./editors
COPY specs/README.md ./specs/README.md
RUN npm pack --pack-destination /tmp \
 && mv /tmp/cardcheck-*.tgz /tmp/cardcheck.tgz

# Stage 2: the tarball installed as users install it, plus playwright-core and chromium for --browser.
FROM node:20.20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /tmp/cardcheck.tgz /tmp/cardcheck.tgz
RUN npm install --global --no-audit --no-fund /tmp/cardcheck.tgz playwright-core@1.65.1 \
 && rm /tmp/cardcheck.tgz \
 && npm cache clean --force
# Where cardcheck looks for the browser (Debian's chromium package).
ENV CARDCHECK_CHROMIUM=/usr/bin/chromium
# The image's own unprivileged user (uid 1000); --user overrides it to match the mounted folder's owner.
USER node
WORKDIR /work
ENTRYPOINT ["cardcheck"]
CMD ["--help"]
