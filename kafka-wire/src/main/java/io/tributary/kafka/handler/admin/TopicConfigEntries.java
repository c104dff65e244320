package io.tributary.kafka.handler.admin;

import io.tributary.config.Setting;
import io.tributary.logstore.LogConfig;
import io.tributary.logstore.LogConfigDef;
import io.tributary.logstore.LogConfigDefs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * A topic's configs as Kafka reports them (DescribeConfigs, and CreateTopics v5+): every topic
 * config with its value and where it came from, and, in precedence order, its synonyms: the topic's
 * override ({@code DYNAMIC_TOPIC_CONFIG}), the broker setting that provides the default when the
 * operator set it ({@code STATIC_BROKER_CONFIG}), and that setting's built-in default
 * ({@code DEFAULT_CONFIG}). Topic configs are never read-only or sensitive.
 */
final class TopicConfigEntries {
    private TopicConfigEntries() {
    }

    /** The configs {@code wanted} selects, in name order. */
    static List<DescribeConfigsResourceResult> describe(LogConfig config, Predicate<String> wanted, boolean includeSynonyms,
            boolean includeDocumentation) {
        Map<String, LogConfig.Entry> brokerLevel = new HashMap<>();
        config.brokerDefaults().describe().forEach(e -> brokerLevel.put(e.name(), e));
        List<DescribeConfigsResourceResult> out = new ArrayList<>();
        for (LogConfig.Entry e : config.describe()) {
            if (!wanted.test(e.name())) {
                continue;
            }
            DescribeConfigsResourceResult r = new DescribeConfigsResourceResult()
                    .setName(e.name())
                    .setValue(e.value())
                    .setReadOnly(false)
                    .setIsSensitive(false)
                    .setConfigSource(source(e.source()).id())
                    .setConfigType(type(e.type()).id())
                    .setDocumentation(includeDocumentation ? e.documentation() : null);
            if (includeSynonyms) {
                r.setSynonyms(synonyms(e, brokerLevel.get(e.name())));
            }
            out.add(r);
        }
        return out;
    }

    /** Every config of a created topic, as CreateTopics v5+ returns them. */
    static List<CreatableTopicConfigs> created(LogConfig config) {
        List<CreatableTopicConfigs> out = new ArrayList<>();
        for (DescribeConfigsResourceResult r : describe(config, name -> true, false, false)) {
            out.add(new CreatableTopicConfigs().setName(r.name()).setValue(r.value()).setReadOnly(r.readOnly())
                    .setConfigSource(r.configSource()).setIsSensitive(r.isSensitive()));
        }
        return out;
    }

    private static List<DescribeConfigsSynonym> synonyms(LogConfig.Entry e, LogConfig.Entry brokerLevel) {
        LogConfigDef<?> def = LogConfigDefs.require(e.name());
        Setting<?> setting = def.brokerSetting();
        List<DescribeConfigsSynonym> out = new ArrayList<>(3);
        if (e.source() == LogConfig.Source.TOPIC) {
            out.add(synonym(e.name(), e.value(), ConfigSource.TOPIC_CONFIG));
        }
        if (brokerLevel != null && brokerLevel.source() == LogConfig.Source.BROKER) {
            out.add(synonym(setting.name(), brokerLevel.value(), ConfigSource.STATIC_BROKER_CONFIG));
        }
        if (setting.defaultValue() != null) {
            out.add(synonym(setting.name(), setting.format(setting.defaultValue()), ConfigSource.DEFAULT_CONFIG));
        }
        return out;
    }

    private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source) {
        return new DescribeConfigsSynonym().setName(name).setValue(value).setSource(source.id());
    }

    static ConfigSource source(LogConfig.Source source) {
        switch (source) {
            case TOPIC:
                return ConfigSource.TOPIC_CONFIG;
            case BROKER:
                return ConfigSource.STATIC_BROKER_CONFIG;
            default:
                return ConfigSource.DEFAULT_CONFIG;
        }
    }

    static ConfigType type(LogConfigDef.Type type) {
        return ConfigType.valueOf(type.name());
    }
}
