# An EKS cluster like the report's: security groups for pods (SGPP) on trunk-capable nodes, in
# small subnets so that branch ENIs reuse IP addresses quickly.
# Cost while it runs (us-west-2, late 2026 list prices): the EKS control plane ~0.10 USD/h, three
# m5.xlarge ~0.58 USD/h; no NAT gateway (the nodes use public IPs). Destroy it when done.

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = var.cluster_name }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = var.cluster_name }
}

resource "aws_subnet" "pods" {
  count                   = length(var.pod_subnet_cidrs)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = var.pod_subnet_cidrs[count.index]
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  map_public_ip_on_launch = true
  tags                    = { Name = "${var.cluster_name}-pods-${count.index}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "pods" {
  count          = length(var.pod_subnet_cidrs)
  subnet_id      = aws_subnet.pods[count.index].id
  route_table_id = aws_route_table.public.id
}

# ---- IAM -----------------------------------------------------------------------------------------

# Each role's trust policy, by the AWS service that may assume the role (EKS the cluster's, EC2 the nodes').
data "aws_iam_policy_document" "assumed_by" {
  for_each = toset(["eks.amazonaws.com", "ec2.amazonaws.com"])
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.key]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.cluster_name}-cluster"
  assume_role_policy = data.aws_iam_policy_document.assumed_by["eks.amazonaws.com"].json
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

# The VPC Resource Controller creates trunk and branch ENIs with this policy.
resource "aws_iam_role_policy_attachment" "vpc_resource_controller" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController"
}

resource "aws_iam_role" "node" {
  name               = "${var.cluster_name}-node"
  assume_role_policy = data.aws_iam_policy_document.assumed_by["ec2.amazonaws.com"].json
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  ])
  role       = aws_iam_role.node.name
  policy_arn = each.value
}

# ---- the cluster ---------------------------------------------------------------------------------

resource "aws_eks_cluster" "main" {
  name     = var.cluster_name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn
  vpc_config {
    subnet_ids = aws_subnet.pods[*].id
  }
  access_config {
    authentication_mode                         = "API_AND_CONFIG_MAP"
    bootstrap_cluster_creator_admin_permissions = true
  }
  depends_on = [aws_iam_role_policy_attachment.cluster, aws_iam_role_policy_attachment.vpc_resource_controller]
}

# The VPC CNI with security groups for pods enabled.
resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = aws_eks_cluster.main.name
  addon_name                  = "vpc-cni"
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
  configuration_values        = "{\"env\":{\"ENABLE_POD_ENI\":\"true\",\"POD_SECURITY_GROUP_ENFORCING_MODE\":\"standard\"}}"
}

resource "aws_eks_node_group" "main" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "${var.cluster_name}-nodes"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = aws_subnet.pods[*].id
  instance_types  = [var.node_instance_type]
  scaling_config {
    desired_size = var.node_count
    min_size     = var.node_count
    max_size     = var.node_count
  }
  depends_on = [aws_iam_role_policy_attachment.node, aws_eks_addon.vpc_cni]
}

resource "aws_eks_addon" "coredns" {
  cluster_name = aws_eks_cluster.main.name
  addon_name   = "coredns"
  depends_on   = [aws_eks_node_group.main]
}

# ---- the pods' security group (for the SecurityGroupPolicy) ------------------------------------------

resource "aws_security_group" "pods" {
  name        = "${var.cluster_name}-sgpp-pods"
  description = "Security group for the churn pods (security groups for pods)"
  vpc_id      = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    description     = "kubelet probes and node traffic"
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    security_groups = [aws_eks_cluster.main.vpc_config[0].cluster_security_group_id]
  }
}

# CoreDNS runs on the nodes (cluster security group): let the pods reach it, over UDP and TCP.
resource "aws_security_group_rule" "dns_from_pods" {
  for_each                 = toset(["udp", "tcp"])
  type                     = "ingress"
  from_port                = 53
  to_port                  = 53
  protocol                 = each.key
  security_group_id        = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id
  source_security_group_id = aws_security_group.pods.id
}

# The two rules were separate resources before: a deployment made then keeps them (no re-create).
moved {
  from = aws_security_group_rule.dns_udp_from_pods
  to   = aws_security_group_rule.dns_from_pods["udp"]
}

moved {
  from = aws_security_group_rule.dns_tcp_from_pods
  to   = aws_security_group_rule.dns_from_pods["tcp"]
}
