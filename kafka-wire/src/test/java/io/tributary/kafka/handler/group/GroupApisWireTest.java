package io.tributary.kafka.handler.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.tributary.config.BrokerConfig;
import io.tributary.config.KafkaSettings;
import io.tributary.config.metadata.InMemoryMetadataStore;
import io.tributary.kafka.KafkaContext;
import io.tributary.kafka.codec.KafkaRequestDecoder;
import io.tributary.kafka.codec.KafkaResponseEncoder;
import io.tributary.kafka.handler.KafkaHandlers;
import io.tributary.kafka.handler.Uuids;
import io.tributary.kafka.handler.fetch.FetchPurgatory;
import io.tributary.kafka.handler.txn.Transactions;
import io.tributary.kafka.pipeline.KafkaConnection;
import io.tributary.kafka.producer.ProducerIdManager;
import io.tributary.logstore.LogManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeRequestData;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ConsumerGroupDescribeRequest;
import org.apache.kafka.common.requests.ConsumerGroupHeartbeatRequest;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every version of every group API that kafka-clients 4.3.1 speaks, through the real pipeline
 * (frame decoder, request decoder, dispatcher, coordinator, {@code __consumer_offsets} in a real log
 * store) and back through the response encoder, parsed by kafka-clients: each version's request is
 * understood and its response serialises.
 */
class GroupApisWireTest {
    private Path dir;
    private LogManager logs;
    private DefaultEventExecutorGroup storage;
    private GroupCoordinatorService groups;
    private Transactions transactions;
    private EmbeddedChannel channel;
    private Uuid topicId;
    private int correlation;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("group-apis-");
        BrokerConfig config = BrokerConfig.builder().set(KafkaSettings.OFFSETS_TOPIC_NUM_PARTITIONS, 2)
                .set(KafkaSettings.GROUP_INITIAL_REBALANCE_DELAY_MS, 0).set(KafkaSettings.GROUP_COORDINATOR_THREADS, 1).build();
        InMemoryMetadataStore meta = new InMemoryMetadataStore();
        logs = LogManager.open(dir, config, meta);
        UUID id = logs.topics().createTopic("t", 2, Map.of()).get(30, TimeUnit.SECONDS).topicId();
        topicId = Uuids.toKafka(id);
        storage = new DefaultEventExecutorGroup(1);
        KafkaContext kafka = new KafkaContext(config, 0, "127.0.0.1", () -> 9092, "cluster", logs, new ProducerIdManager(meta), storage,
                new io.tributary.kafka.handler.SingleNodeLeadership(0, "127.0.0.1", () -> 9092));
        transactions = Transactions.start(kafka);
        groups = new GroupCoordinatorService(kafka);
        groups.start().get(30, TimeUnit.SECONDS);
        channel = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4), new KafkaRequestDecoder(), new KafkaResponseEncoder(),
                new KafkaConnection(KafkaHandlers.create(kafka, new FetchPurgatory(), transactions, groups.coordinator()), storage, 64));
    }

    @AfterEach
    void stop() throws IOException {
        channel.finishAndReleaseAll();
        groups.close();
        transactions.close();
        storage.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        logs.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends AbstractResponse> T send(AbstractRequest.Builder<?> builder, short version) {
        AbstractRequest request = builder.build(version);
        RequestHeader header = new RequestHeader(request.apiKey(), version, "wire-test", ++correlation);
        ByteBuffer bytes = request.serializeWithHeader(header);
        ByteBuf frame = Unpooled.buffer(4 + bytes.remaining());
        frame.writeInt(bytes.remaining()).writeBytes(bytes);
        channel.writeInbound(frame);
        List<ByteBuf> out = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            channel.runPendingTasks();
            for (Object o; (o = channel.readOutbound()) != null;) {
                out.add((ByteBuf) o);
            }
            return out.stream().mapToInt(ByteBuf::readableBytes).sum() >= 4
                    && out.stream().mapToInt(ByteBuf::readableBytes).sum() >= 4 + Unpooled.wrappedBuffer(out.toArray(ByteBuf[]::new)).getInt(0);
        });
        ByteBuf all = Unpooled.wrappedBuffer(out.toArray(ByteBuf[]::new));
        try {
            ByteBuffer nio = ByteBuffer.allocate(all.readableBytes());
            all.getBytes(all.readerIndex(), nio);
            nio.flip();
            nio.getInt();
            return (T) AbstractResponse.parseResponse(nio, header);
        } finally {
            all.release();
        }
    }

    static Stream<Short> joinGroupVersions() {
        return IntStream.rangeClosed(ApiKeys.JOIN_GROUP.oldestVersion(), ApiKeys.JOIN_GROUP.latestVersion()).mapToObj(v -> (short) v);
    }

    private static short clamp(int v, ApiKeys api) {
        return (short) Math.max(api.oldestVersion(), Math.min(v, api.latestVersion()));
    }

    /** A member's whole life in a classic group, each API at the version matching the JoinGroup version (clamped to its range). */
    @ParameterizedTest
    @MethodSource("joinGroupVersions")
    void aClassicMembersLifeAtEveryVersion(short v) {
        String group = "g" + v;
        FindCoordinatorResponseData found = ((org.apache.kafka.common.requests.FindCoordinatorResponse) send(new FindCoordinatorRequest.Builder(
                new FindCoordinatorRequestData().setKey(group).setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id())),
                clamp(v, ApiKeys.FIND_COORDINATOR))).data();
        if (clamp(v, ApiKeys.FIND_COORDINATOR) >= 4) {
            assertThat(found.coordinators()).singleElement().satisfies(c -> assertThat(c.port()).isEqualTo(9092));
        } else {
            assertThat(found.errorCode()).isZero();
            assertThat(found.port()).isEqualTo(9092);
        }

        JoinGroupRequestData join = new JoinGroupRequestData().setGroupId(group).setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(10_000)
                .setMemberId("").setProtocolType("consumer");
        join.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata("t".getBytes(StandardCharsets.UTF_8)));
        JoinGroupResponseData joined = send(new JoinGroupRequest.Builder(join), v).data() instanceof JoinGroupResponseData d ? d : null;
        if (v >= 4) {
            assertThat(Errors.forCode(joined.errorCode())).isEqualTo(Errors.MEMBER_ID_REQUIRED);
            join.setMemberId(joined.memberId());
            joined = ((org.apache.kafka.common.requests.JoinGroupResponse) send(new JoinGroupRequest.Builder(join), v)).data();
        }
        assertThat(Errors.forCode(joined.errorCode())).isEqualTo(Errors.NONE);
        assertThat(joined.generationId()).isEqualTo(1);
        String member = joined.memberId();
        assertThat(joined.leader()).isEqualTo(member);
        assertThat(joined.members()).hasSize(1);

        short sv = clamp(v, ApiKeys.SYNC_GROUP);
        SyncGroupRequestData sync = new SyncGroupRequestData().setGroupId(group).setGenerationId(1).setMemberId(member)
                .setProtocolType(sv >= 5 ? "consumer" : null).setProtocolName(sv >= 5 ? "range" : null);
        sync.assignments().add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(member).setAssignment(new byte[] {7}));
        org.apache.kafka.common.requests.SyncGroupResponse synced = send(new SyncGroupRequest.Builder(sync), sv);
        assertThat(synced.data().errorCode()).isZero();
        assertThat(synced.data().assignment()).containsExactly(7);

        org.apache.kafka.common.requests.HeartbeatResponse beat = send(new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId(group)
                .setGenerationId(1).setMemberId(member)), clamp(v, ApiKeys.HEARTBEAT));
        assertThat(beat.data().errorCode()).isZero();

        short cv = clamp(v + 1, ApiKeys.OFFSET_COMMIT);
        OffsetCommitRequestData commit = new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(1).setMemberId(member);
        commit.topics().add(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("t").setTopicId(topicId).setPartitions(List.of(
                new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(5).setCommittedMetadata("m"))));
        org.apache.kafka.common.requests.OffsetCommitResponse committed = send(OffsetCommitRequest.Builder.forTopicIdsOrNames(commit), cv);
        assertThat(committed.data().topics().get(0).partitions().get(0).errorCode()).isZero();

        short fv = clamp(v + 1, ApiKeys.OFFSET_FETCH);
        OffsetFetchRequestData fetch = new OffsetFetchRequestData();
        fetch.groups().add(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(group).setTopics(List.of(
                new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("t").setTopicId(topicId).setPartitionIndexes(List.of(0, 1)))));
        OffsetFetchResponseData fetched = ((org.apache.kafka.common.requests.OffsetFetchResponse) send(
                OffsetFetchRequest.Builder.forTopicIdsOrNames(fetch, false), fv)).data();
        List<Long> offsets = new ArrayList<>();
        if (fv >= 8) {
            fetched.groups().get(0).topics().forEach(t -> t.partitions().forEach(p -> offsets.add(p.committedOffset())));
        } else {
            fetched.topics().forEach(t -> t.partitions().forEach(p -> offsets.add(p.committedOffset())));
        }
        assertThat(offsets).containsExactly(5L, -1L);

        DescribeGroupsResponseData described = ((org.apache.kafka.common.requests.DescribeGroupsResponse) send(new DescribeGroupsRequest.Builder(
                new DescribeGroupsRequestData().setGroups(List.of(group, "no-such-group"))), clamp(v, ApiKeys.DESCRIBE_GROUPS))).data();
        assertThat(described.groups().get(0).groupState()).isEqualTo("Stable");
        assertThat(described.groups().get(0).members()).singleElement().satisfies(m -> assertThat(m.memberAssignment()).containsExactly(7));
        assertThat(described.groups().get(1).groupState()).isEqualTo("Dead");

        org.apache.kafka.common.requests.ListGroupsResponse listed = send(new ListGroupsRequest.Builder(new ListGroupsRequestData()),
                clamp(v, ApiKeys.LIST_GROUPS));
        assertThat(listed.data().groups()).anyMatch(g -> g.groupId().equals(group));

        org.apache.kafka.common.requests.LeaveGroupResponse left = send(new LeaveGroupRequest.Builder(group,
                List.of(new MemberIdentity().setMemberId(member))), clamp(v, ApiKeys.LEAVE_GROUP));
        assertThat(left.data().errorCode()).isZero();

        OffsetDeleteRequestData delete = new OffsetDeleteRequestData().setGroupId(group);
        delete.topics().add(new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("t").setPartitions(List.of(
                new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0))));
        org.apache.kafka.common.requests.OffsetDeleteResponse deleted = send(new OffsetDeleteRequest.Builder(delete), (short) 0);
        assertThat(deleted.data().errorCode()).isZero();
        assertThat(deleted.data().topics().find("t").partitions().find(0).errorCode()).isZero();

        org.apache.kafka.common.requests.DeleteGroupsResponse gone = send(new DeleteGroupsRequest.Builder(new DeleteGroupsRequestData()
                .setGroupsNames(List.of(group, "no-such-group"))), clamp(v, ApiKeys.DELETE_GROUPS));
        assertThat(Errors.forCode(gone.data().results().find(group).errorCode())).isEqualTo(Errors.NONE);
        assertThat(Errors.forCode(gone.data().results().find("no-such-group").errorCode())).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
    }

    @org.junit.jupiter.api.Test
    void findCoordinatorAnswersThisNodeForGroupsAndTransactionsInBatches() {
        short latest = ApiKeys.FIND_COORDINATOR.latestVersion();
        FindCoordinatorResponseData txn = ((org.apache.kafka.common.requests.FindCoordinatorResponse) send(new FindCoordinatorRequest.Builder(
                new FindCoordinatorRequestData().setKeyType(FindCoordinatorRequest.CoordinatorType.TRANSACTION.id())
                        .setCoordinatorKeys(List.of("txn-a", "txn-b"))), latest)).data();
        assertThat(txn.coordinators()).extracting(c -> c.key() + "@" + c.nodeId() + ":" + c.port() + "/" + c.errorCode())
                .containsExactly("txn-a@0:9092/0", "txn-b@0:9092/0");
        FindCoordinatorResponseData share = ((org.apache.kafka.common.requests.FindCoordinatorResponse) send(new FindCoordinatorRequest.Builder(
                new FindCoordinatorRequestData().setKeyType(FindCoordinatorRequest.CoordinatorType.SHARE.id())
                        .setCoordinatorKeys(List.of("g:t:0"))), latest)).data();
        assertThat(Errors.forCode(share.coordinators().get(0).errorCode())).isEqualTo(Errors.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1})
    void aConsumerProtocolMemberAtEveryVersion(short v) {
        String group = "cg" + v;
        ConsumerGroupHeartbeatRequestData hb = new ConsumerGroupHeartbeatRequestData().setGroupId(group)
                .setMemberId(v >= 1 ? Uuid.randomUuid().toString() : "").setMemberEpoch(0).setRebalanceTimeoutMs(30_000)
                .setSubscribedTopicNames(List.of("t")).setTopicPartitions(List.of());
        ConsumerGroupHeartbeatResponseData joined = ((org.apache.kafka.common.requests.ConsumerGroupHeartbeatResponse) send(
                new ConsumerGroupHeartbeatRequest.Builder(hb), v)).data();
        assertThat(Errors.forCode(joined.errorCode())).isEqualTo(Errors.NONE);
        assertThat(joined.memberId()).isNotEmpty();
        assertThat(joined.memberEpoch()).isEqualTo(1);
        assertThat(joined.assignment().topicPartitions()).singleElement().satisfies(t -> {
            assertThat(t.topicId()).isEqualTo(topicId);
            assertThat(t.partitions()).containsExactlyInAnyOrder(0, 1);
        });

        ConsumerGroupDescribeResponseData described = ((org.apache.kafka.common.requests.ConsumerGroupDescribeResponse) send(
                new ConsumerGroupDescribeRequest.Builder(new ConsumerGroupDescribeRequestData().setGroupIds(List.of(group, "g-none"))), v)).data();
        assertThat(described.groups().get(0).members()).singleElement()
                .satisfies(m -> assertThat(m.assignment().topicPartitions().get(0).topicName()).isEqualTo("t"));
        assertThat(Errors.forCode(described.groups().get(1).errorCode())).isEqualTo(Errors.GROUP_ID_NOT_FOUND);

        ConsumerGroupHeartbeatRequestData leave = new ConsumerGroupHeartbeatRequestData().setGroupId(group).setMemberId(joined.memberId())
                .setMemberEpoch(-1);
        ConsumerGroupHeartbeatResponseData left = ((org.apache.kafka.common.requests.ConsumerGroupHeartbeatResponse) send(
                new ConsumerGroupHeartbeatRequest.Builder(leave), v)).data();
        assertThat(left.errorCode()).isZero();
        assertThat(left.memberEpoch()).isEqualTo(-1);
    }
}
