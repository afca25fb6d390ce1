package io.outdial.persistence.apikey;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.apikey.KeyHash;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Converts between {@link ApiKey} and its row. */
final class ApiKeyMapper {
  private ApiKeyMapper() {}

  static ApiKeyEntity toEntity(ApiKey key) {
    ApiKeyEntity entity = new ApiKeyEntity();
    entity.keyHash = key.hash().value();
    entity.clientId = key.clientId();
    entity.name = key.name();
    entity.scopes = key.scopeNames().toArray(String[]::new);
    entity.createdAt = key.createdAt();
    entity.lastUsedAt = key.lastUsedAt().orElse(null);
    return entity;
  }

  static ApiKey toDomain(ApiKeyEntity entity) {
    Set<ApiScope> scopes =
        Arrays.stream(entity.scopes)
            .map(ApiScope::fromWire)
            .flatMap(Optional::stream)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
    return new ApiKey(
        new KeyHash(entity.keyHash),
        entity.clientId,
        entity.name,
        scopes,
        entity.createdAt,
        Optional.ofNullable(entity.lastUsedAt));
  }
}
