# The fedgate image: one fat jar, entrypoint `fedgate`. Build the jar first:
#   mvn -q -B -DskipTests package -pl cli -am && docker build -t fedgate/fedgate:dev .
FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin fedgate \
 && printf '#!/bin/sh\nexec java $JAVA_OPTS -jar /opt/fedgate/fedgate.jar "$@"\n' > /usr/local/bin/fedgate \
 && chmod 0755 /usr/local/bin/fedgate
COPY cli/target/cli-0.1.0-SNAPSHOT-all.jar /opt/fedgate/fedgate.jar
USER 10001
ENTRYPOINT ["fedgate"]
